"""Forms of the meeting pages: they read input; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.orgs.fields import UnitChoiceField, UnitsChoiceField

from .models import Body, BodyMember, ItemKind, Meeting, Outcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} — {obj.title}"


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.position


class MembersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.position


class MeetingForm(forms.Form):
    number = forms.IntegerField(label=_("Number in the term"), min_value=1)
    term = forms.CharField(label=_("Term"), max_length=20, required=False,
                           help_text=_("Leave empty for the body's current term."))
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=300)
    chair = MemberChoiceField(label=_("Chair"), queryset=BodyMember.objects.none(), required=False)
    guests = forms.CharField(label=_("Guests"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("One guest per line: position and unit."))
    invited = MembersField(label=_("Members invited"), queryset=BodyMember.objects.none(), required=False,
                           widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: every member is invited."))

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = body.members.all()
        self.fields["invited"].queryset = body.members.all()


class MeetingEditForm(MeetingForm):
    """A scheduled meeting changed by its clerk: the same fields, who is invited and present,
    and the version the clerk's copy was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    present = MembersField(label=_("Present"), queryset=BodyMember.objects.none(), required=False,
                           widget=forms.CheckboxSelectMultiple, help_text=_("A member present was invited."))

    field_order = ["version", "number", "term", "held_on", "place", "chair", "guests", "invited", "present"]

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, body=body, **kwargs)
        self.fields["present"].queryset = body.members.all()
        self.fields["invited"].help_text = _("Only the members ticked are invited.")


class AttendanceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    present = MembersField(label=_("Present"), queryset=BodyMember.objects.none(), required=False,
                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = meeting.body.members.all()


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    presenting_unit = UnitChoiceField(label=_("Presenting unit"), queryset=None, required=False)
    proposed_issuer = UnitChoiceField(label=_("Proposed issuer"), queryset=None, required=False)
    related_documents = DocumentsField(label=_("Related documents"), queryset=None, required=False)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label=_("Draft (.docx or .pdf)"), required=False)

    def __init__(self, *args, units, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenting_unit"].queryset = units
        self.fields["proposed_issuer"].queryset = units
        self.fields["related_documents"].queryset = documents


class ItemEditForm(ItemForm):
    """An agenda item changed by the clerk (a new draft is uploaded as a version, on the item's page)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    field_order = ["version", "title", "kind", "presenting_unit", "proposed_issuer", "related_documents", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["file"]


class MoveItemForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    direction = forms.ChoiceField(choices=[("up", _("Move up")), ("down", _("Move down"))])


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version (.docx or .pdf)"))
    note = forms.CharField(label=_("What changed"), max_length=500, required=False)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    member = MemberChoiceField(label=_("Said at the meeting by"), queryset=BodyMember.objects.none(),
                               required=False, help_text=_("Clerk: choose the member who spoke."))

    def __init__(self, *args, body: Body, clerk: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if clerk:
            self.fields["member"].queryset = body.members.all()
        else:
            del self.fields["member"]


class ConclusionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    text = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 4}))
    new_issuer = UnitChoiceField(label=_("New issuer (change of issuer)"), queryset=None, required=False)
    resubmit_to = forms.ModelChoiceField(label=_("Resubmit to"), queryset=Body.objects.none(), required=False)
    resubmit_by = forms.DateField(label=_("Resubmit by"), widget=DATE, required=False)
    resubmit_next_meeting = forms.BooleanField(label=_("At the next meeting"), required=False)

    def __init__(self, *args, units, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_issuer"].queryset = units
        self.fields["resubmit_to"].queryset = bodies


class AssignmentForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=500)
    lead_unit = UnitChoiceField(label=_("Lead unit"), queryset=None)
    coordinating_units = UnitsChoiceField(label=_("Coordinating units"), queryset=None, required=False)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units
        self.fields["coordinating_units"].queryset = units


class NoticeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    number = forms.CharField(label=_("Number"), max_length=60, required=False,
                             help_text=_("Leave empty for the next number in sequence."))
    issued_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    recipients = forms.CharField(label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("One per line."))
    include_confidential = forms.BooleanField(label=_("Include personnel and inspection items"), required=False)


class ReissueNoticeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    corrected_on = forms.DateField(label=_("Date of correction"), widget=DATE, required=False,
                                   help_text=_("Leave empty for today. The number and date of the notice stay."))
    recipients = forms.CharField(label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("One per line; empty: as on the notice."))
    include_confidential = forms.BooleanField(label=_("Include personnel and inspection items"), required=False)


class IssuedDocumentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    document = forms.ModelChoiceField(label=_("Issued document"), queryset=None)

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["document"].label_from_instance = lambda d: f"{d.number} — {d.title}"


class ProposalForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = body.meetings.order_by("held_on")


class SubmissionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    number = forms.CharField(label=_("Number"), max_length=60, help_text=_("e.g. 05-CTr/ĐU or 12-KH/UBND"))
    title = forms.CharField(label=_("Title"), max_length=500)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    file = forms.FileField(label=_("File (.docx or .pdf)"), required=False)


class BodyForm(forms.Form):
    unit = UnitChoiceField(label=_("Org unit"), queryset=None,
                           help_text=_("The Standing Committee, a People's Committee, a commune Party committee..."))
    term = forms.CharField(label=_("Current term"), max_length=20, help_text=_("e.g. 2020-2025"))
    quorum_percent = forms.IntegerField(label=_("Quorum (percent of members)"), min_value=1, max_value=100, initial=67)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("User"), queryset=None)
    position = forms.CharField(label=_("Position"), max_length=200,
                               help_text=_("As printed, e.g. Secretary of the Provincial Party Committee."))
    is_voting = forms.BooleanField(label=_("Voting member"), required=False, initial=True)
    is_clerk = forms.BooleanField(label=_("Clerk"), required=False)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class ConferenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    organizer = UnitChoiceField(label=_("Organizer"), queryset=None)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    main_hall = forms.CharField(label=_("Main hall"), max_length=300)
    main_hall_attendees = forms.IntegerField(label=_("Attendees in the main hall"), min_value=0, initial=0)
    hybrid = forms.BooleanField(label=_("Hybrid (in person and online)"), required=False, initial=True)
    documents = DocumentsField(label=_("Documents"), queryset=None, required=False)
    basis_document = forms.ModelChoiceField(label=_("Document to implement"), queryset=None, required=False)
    duty = forms.CharField(label=_("Implementation duty"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("e.g. every listed unit submits its action programme by the due date."))
    due_on = forms.DateField(label=_("Submissions due"), widget=DATE, required=False)

    def __init__(self, *args, units, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = units
        self.fields["documents"].queryset = documents
        self.fields["basis_document"].queryset = documents
        self.fields["basis_document"].label_from_instance = lambda d: f"{d.number} — {d.title}"


class PointForm(forms.Form):
    unit = UnitChoiceField(label=_("Connection point"), queryset=None, required=False)
    attendees = forms.IntegerField(label=_("Attendees"), min_value=0, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AddPointForm(PointForm):
    """A connection point added to a recorded conference."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].required = True


PointFormSet = forms.formset_factory(PointForm, extra=8, max_num=200)
