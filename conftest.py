import pytest


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        # Argon2 is deliberately slow; tests hash many passwords.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        # Fingerprinted static files need `collectstatic` first; tests use the plain names.
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }


@pytest.fixture(autouse=True)
def _reset_language():
    """A request in Spanish leaves Spanish active in the test thread; start each test clean."""
    yield
    from django.conf import settings

    if settings.configured:
        from django.utils import translation

        translation.deactivate()
