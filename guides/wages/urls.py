from django.urls import path

from ..finding.views import occupation_list
from . import views

app_name = "wages"

urlpatterns = [
    path("occupations/", occupation_list, name="list"),
    path("occupations/<str:soc>/", views.occupation_detail, name="occupation"),
    path("occupations/<str:soc>/<str:state>/", views.occupation_state, name="state"),
]
