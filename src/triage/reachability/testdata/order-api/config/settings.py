"""Settings of the order API."""
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "rest_framework",
    "orders",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "orders.db"}}
