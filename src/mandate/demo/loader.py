"""Loads the demo data set: the foundation, then every ``mandate.<app>.demo_data`` module
in its ``ORDER``, all in one transaction, and leaves the ``DemoDataset`` marker row."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.db import transaction

from . import foundation
from .models import DemoDataset

VERSION = "2026.1"
DEFAULT_ORDER = 100


def demo_modules() -> list:
    """The installed apps' ``demo_data`` modules, lowest ``ORDER`` first."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("mandate.") or config.name == "mandate.demo":
            continue
        name = f"{config.name}.demo_data"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        modules.append(module)
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", DEFAULT_ORDER), m.__name__))


def is_loaded() -> bool:
    return DemoDataset.objects.exists()


@transaction.atomic
def load_demo() -> foundation.DemoContext:
    context = foundation.load()
    for module in demo_modules():
        module.load(context)
    DemoDataset.objects.create(version=VERSION)
    return context
