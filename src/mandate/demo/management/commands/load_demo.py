import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from mandate.demo import foundation
from mandate.demo.loader import demo_modules, is_loaded, load_demo


class Command(BaseCommand):
    help = "Load the Lang Son demo data set (once; --reset empties the database and loads it again)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true",
                            help="Delete ALL data in the database, then load the demo data again.")

    def handle(self, *args, reset=False, **options):
        if reset:
            call_command("flush", interactive=False, verbosity=0)
        elif is_loaded():
            self.stdout.write("The demo data is already loaded; nothing to do (use --reset to load it again).")
            self._print_accounts()
            return
        started = time.perf_counter()
        load_demo()
        modules = ", ".join(m.__name__ for m in demo_modules())
        self.stdout.write(self.style.SUCCESS(
            f"Demo data loaded in {time.perf_counter() - started:.1f} s (foundation, {modules})."))
        self._print_accounts()

    def _print_accounts(self):
        self.stdout.write(f"Demo accounts (password: {foundation.DEMO_PASSWORD}):")
        self.stdout.write(f"  {'user':<20} {'role':<15} unit")
        from mandate.accounts.models import Membership

        # Every demo account, the foundation's and those the apps' loaders add (party, meetings).
        for m in Membership.objects.filter(user__email__endswith="@demo.mandate.invalid").select_related(
                "user", "org_unit").order_by("pk"):
            self.stdout.write(f"  {m.user.username:<20} {m.role:<15} {m.org_unit.name_vi} ({m.org_unit.name_en})")
