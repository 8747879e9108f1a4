"""Production settings follow Django's deployment checklist."""

import os
import subprocess
import sys

import pytest


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "a-proper-production-secret-key-4f8b2c9d1e",
        "ALLOWED_HOSTS": "mandate.langson.gov.vn",
        "MANDATE_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests' own process only
    run = subprocess.run(
        [sys.executable, "-m", "mandate.cli", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {**os.environ, "DEBUG": "0", "MANDATE_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    run = subprocess.run([sys.executable, "-m", "mandate.cli", "check"], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode != 0
    assert "SECRET_KEY must be set" in run.stderr


@pytest.mark.django_db
def test_pages_need_login(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
