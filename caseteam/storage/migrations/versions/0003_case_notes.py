"""case notes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 19:48:19.694243
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('case_notes',
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=True),
    sa.Column('ends_at', sa.Time(), nullable=True),
    sa.Column('zone', sa.String(length=60), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('billable', sa.Boolean(), nullable=False),
    sa.Column('mileage', sa.Numeric(precision=7, scale=1), nullable=True),
    sa.Column('goal_key', sa.Uuid(), nullable=True),
    sa.Column('discovery_activity_id', sa.Uuid(), nullable=True),
    sa.Column('employer_id', sa.Uuid(), nullable=True),
    sa.Column('service', sa.String(length=200), nullable=False),
    sa.Column('template', sa.String(length=60), nullable=False),
    sa.Column('author_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cosigned_by_id', sa.Uuid(), nullable=True),
    sa.Column('cosigned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('addendum_to_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['addendum_to_id'], ['case_notes.id'], name=op.f('fk_case_notes_addendum_to_id_case_notes')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_case_notes_author_id_users')),
    sa.ForeignKeyConstraint(['cosigned_by_id'], ['users.id'], name=op.f('fk_case_notes_cosigned_by_id_users')),
    sa.ForeignKeyConstraint(['discovery_activity_id'], ['discovery_activities.id'], name=op.f('fk_case_notes_discovery_activity_id_discovery_activities')),
    sa.ForeignKeyConstraint(['employer_id'], ['organizations.id'], name=op.f('fk_case_notes_employer_id_organizations')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_case_notes_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_notes')),
    sa.UniqueConstraint('ref', name=op.f('uq_case_notes_ref'))
    )
    with op.batch_alter_table('case_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_notes_addendum_to_id'), ['addendum_to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_notes_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_notes_person_id'), ['person_id'], unique=False)

    op.create_table('note_participants',
    sa.Column('note_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('team_member_id', sa.Uuid(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['note_id'], ['case_notes.id'], name=op.f('fk_note_participants_note_id_case_notes')),
    sa.ForeignKeyConstraint(['team_member_id'], ['team_members.id'], name=op.f('fk_note_participants_team_member_id_team_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_note_participants'))
    )
    with op.batch_alter_table('note_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_participants_note_id'), ['note_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('note_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_participants_note_id'))

    op.drop_table('note_participants')
    with op.batch_alter_table('case_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_notes_person_id'))
        batch_op.drop_index(batch_op.f('ix_case_notes_held_on'))
        batch_op.drop_index(batch_op.f('ix_case_notes_addendum_to_id'))

    op.drop_table('case_notes')
