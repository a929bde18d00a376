# Django settings for the order API.
import os

DEBUG = False
ALLOWED_HOSTS = ["orders.internal"]

# Demo only: this password is made up and works nowhere. It is written here on purpose, as the
# hard-coded credential `palisade scan` reports (database-url-password); read it from the
# environment instead, as SECRET_KEY below does.
DATABASE_URL = "postgres://orders:Vq3nR8tLw2Zk7Pxb@db.internal:5432/orders"

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
