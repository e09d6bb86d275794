from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

from peerpath.accounts.demo import DEMO_PASSWORD, DEMO_PROGRAM_SLUG, create_demo
from peerpath.web.security import hide_server_version

# Each capability's demo data, in order. A builder takes the demo program and
# returns the email addresses of any extra demo participants it created.
DEMO_BUILDERS = [
    "peerpath.certification.demo.create_demo_cases",
    "peerpath.intake.demo.create_demo_ethics",
    "peerpath.intake.demo.create_demo_enrolments",
    "peerpath.intake.demo.create_demo_applicants",
    "peerpath.participants.demo.create_demo_contacts",
    "peerpath.plan.demo.create_demo_plan",
    "peerpath.careers.demo.create_demo_careers",
    "peerpath.training.demo.create_demo_training",
    "peerpath.schedule.demo.create_demo_schedule",
    "peerpath.schedule.demo.create_demo_second_program",
    "peerpath.reports.demo.create_demo_outcomes",
]


class Command(BaseCommand):
    help = "Migrate, load reference data, optionally create demo data, and serve PeerPath."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="create demo accounts and data")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address:port to serve on")
        parser.add_argument("--no-serve", action="store_true", help="prepare, but do not serve")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference", stdout=self.stdout)
        if options["demo"]:
            self.print_demo_accounts()
        if not options["no_serve"]:
            # Fingerprinted, pre-compressed static files for WhiteNoise.
            call_command("collectstatic", interactive=False, verbosity=0)
            self.stdout.write(f"PeerPath is running on http://{options['addr']}/ (Ctrl+C stops it)")
            hide_server_version()
            call_command("runserver", options["addr"], use_reloader=False)

    def print_demo_accounts(self) -> None:
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD})")
        accounts = create_demo()
        from peerpath.accounts.models import Program

        program = Program.objects.get(slug=DEMO_PROGRAM_SLUG)
        extra: list[str] = []
        for builder in DEMO_BUILDERS:
            extra += import_string(builder)(program) or []
        for account in accounts:
            self.stdout.write(f"  {account.title:<18} {account.email}")
            if account.totp_secret:
                codes = ", ".join(account.recovery_codes)
                self.stdout.write(
                    f"  {'':<18} second factor: add secret {account.totp_secret} to an "
                    f"authenticator app, or use a recovery code: {codes}"
                )
        known = {a.email for a in accounts}
        others = ", ".join(dict.fromkeys(e for e in extra if e not in known))
        self.stdout.write(f"  more participants: {others}")
        self.stdout.write("")
