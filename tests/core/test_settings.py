import os
import subprocess
import sys


def test_production_settings_pass_the_deploy_check(tmp_path):
    # The browser tests' conftest allows async-unsafe calls in this process; a deployment doesn't.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "pearls.config.settings.production",
        "SECRET_KEY": "k" * 20 + "a-long-random-production-secret-for-the-check-only",
        "DATABASE_URL": "postgres://pearls@localhost/pearls",
        "ALLOWED_HOSTS": "pearls.example.org",
        "EMAIL_URL": "smtp+tls://pearls:secret@mail.example.org:587",
        "PEARLS_HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_its_secret(tmp_path):
    # The browser tests' conftest allows async-unsafe calls in this process; a deployment doesn't.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "pearls.config.settings.production",
        "SECRET_KEY": "",
        "PEARLS_HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
