from django.contrib import admin

from ikz.jobs.models import Job, Worker


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "status", "attempts", "created_at", "finished_at", "worker")
    list_filter = ("status", "kind")
    search_fields = ("label", "reason")
    readonly_fields = [f.name for f in Job._meta.fields]


@admin.register(Worker)
class WorkerAdmin(admin.ModelAdmin):
    list_display = ("name", "host", "pid", "started_at", "seen_at", "jobs_done")
