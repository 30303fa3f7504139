from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("guides/<slug:slug>/feedback/", views.submit, name="submit"),
    path("guides/<slug:slug>/feedback/thanks/", views.thanks, name="thanks"),
]
