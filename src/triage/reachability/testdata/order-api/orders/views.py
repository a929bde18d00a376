"""Order endpoints: import a catalog export and list orders."""
import requests
import yaml
from django.http import JsonResponse
from rest_framework.decorators import api_view

from .models import Order


@api_view(["POST"])
def import_catalog(request):
    body = requests.get("https://catalog.internal/export.yaml", timeout=5).text
    return JsonResponse({"items": yaml.safe_load(body)})


def list_orders(request):
    return JsonResponse({"orders": [o.id for o in Order.objects.all()]})
