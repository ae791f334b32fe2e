from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ikz.accounts.models import RoleAssignment


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    assignments = RoleAssignment.objects.filter(user=request.user).select_related("region", "municipality")
    return render(request, "accounts/profile.html", {"assignments": assignments})
