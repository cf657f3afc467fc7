"""Exactly once under crashes: effects counted on the inbox row, versions of what buttons
showed, and the sender's notices

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    # How many of an update's effect transactions have committed: a re-run skips that many.
    op.add_column("inbox", sa.Column("effects", sa.Integer(), nullable=False,
                                     server_default="0"))
    # Bumped by every change, carried by the buttons showing it (a stale Confirm is refused).
    op.add_column("drafts", sa.Column("version", sa.Integer(), nullable=False,
                                      server_default="0"))
    op.add_column("carts", sa.Column("version", sa.Integer(), nullable=False,
                                     server_default="0"))
    # Conditions the admins were told of once (an outage holding alerts), until they end.
    op.create_table(
        "notices",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("since", WHEN, nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_notices")),
    )


def downgrade() -> None:
    op.drop_table("notices")
    op.drop_column("carts", "version")
    op.drop_column("drafts", "version")
    op.drop_column("inbox", "effects")
