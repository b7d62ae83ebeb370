"""``python -m attunement`` is the ``attune`` command."""

from attunement.cli import app

app(prog_name="attune")
