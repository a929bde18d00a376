import pytest
from django.test import Client


@pytest.mark.django_db
def test_list_orders():
    assert Client().get("/orders/").status_code == 200
