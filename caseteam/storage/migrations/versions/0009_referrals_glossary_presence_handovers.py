"""Working across agencies: closed-loop referrals with their status history, the shared glossary with
partner synonyms, partner presence at the One-Stop (engagement and weekly slots), and staff handovers.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 07:26:51.392005
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('glossary_terms',
    sa.Column('partnership_id', sa.Uuid(), nullable=True),
    sa.Column('term', sa.String(length=120), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_glossary_terms_partnership_id_partnerships')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_terms'))
    )
    with op.batch_alter_table('glossary_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_terms_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_glossary_terms_term'), ['term'], unique=False)

    op.create_table('glossary_synonyms',
    sa.Column('term_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('word', sa.String(length=120), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=True),
    sa.Column('context', sa.String(length=120), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_glossary_synonyms_organization_id_organizations')),
    sa.ForeignKeyConstraint(['term_id'], ['glossary_terms.id'], name=op.f('fk_glossary_synonyms_term_id_glossary_terms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_synonyms'))
    )
    with op.batch_alter_table('glossary_synonyms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_synonyms_term_id'), ['term_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_glossary_synonyms_word'), ['word'], unique=False)

    op.create_table('presence_slots',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('site_organization_id', sa.Uuid(), nullable=True),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('starts', sa.Time(), nullable=False),
    sa.Column('ends', sa.Time(), nullable=False),
    sa.Column('room', sa.String(length=100), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_presence_slots_organization_id_organizations')),
    sa.ForeignKeyConstraint(['site_organization_id'], ['organizations.id'], name=op.f('fk_presence_slots_site_organization_id_organizations')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_presence_slots_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_presence_slots'))
    )
    with op.batch_alter_table('presence_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_presence_slots_organization_id'), ['organization_id'], unique=False)

    op.create_table('handovers',
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.Column('deactivated', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('undone_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_handovers_actor_id_users')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_handovers_staff_id_staff')),
    sa.ForeignKeyConstraint(['undone_by_id'], ['users.id'], name=op.f('fk_handovers_undone_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handovers'))
    )
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handovers_staff_id'), ['staff_id'], unique=False)

    op.create_table('handover_items',
    sa.Column('handover_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('new_record_id', sa.Uuid(), nullable=True),
    sa.Column('person_id', sa.Uuid(), nullable=True),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('from_staff_id', sa.Uuid(), nullable=False),
    sa.Column('to_staff_id', sa.Uuid(), nullable=False),
    sa.Column('version_after', sa.Integer(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['from_staff_id'], ['staff.id'], name=op.f('fk_handover_items_from_staff_id_staff')),
    sa.ForeignKeyConstraint(['handover_id'], ['handovers.id'], name=op.f('fk_handover_items_handover_id_handovers')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_handover_items_person_id_people')),
    sa.ForeignKeyConstraint(['to_staff_id'], ['staff.id'], name=op.f('fk_handover_items_to_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_items'))
    )
    with op.batch_alter_table('handover_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_items_handover_id'), ['handover_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_handover_items_person_id'), ['person_id'], unique=False)

    op.create_table('referrals',
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('from_organization_id', sa.Uuid(), nullable=False),
    sa.Column('from_staff_id', sa.Uuid(), nullable=True),
    sa.Column('to_organization_id', sa.Uuid(), nullable=False),
    sa.Column('to_staff_id', sa.Uuid(), nullable=True),
    sa.Column('program_id', sa.Uuid(), nullable=True),
    sa.Column('service', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('urgency', sa.String(length=40), nullable=False),
    sa.Column('shared_categories', sa.String(length=400), nullable=False),
    sa.Column('release_id', sa.Uuid(), nullable=True),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('respond_by', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('status_on', sa.Date(), nullable=False),
    sa.Column('decline_reason', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('team_member_id', sa.Uuid(), nullable=True),
    sa.Column('first_task_id', sa.Uuid(), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_referrals_created_by_id_users')),
    sa.ForeignKeyConstraint(['first_task_id'], ['tasks.id'], name=op.f('fk_referrals_first_task_id_tasks')),
    sa.ForeignKeyConstraint(['from_organization_id'], ['organizations.id'], name=op.f('fk_referrals_from_organization_id_organizations')),
    sa.ForeignKeyConstraint(['from_staff_id'], ['staff.id'], name=op.f('fk_referrals_from_staff_id_staff')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_referrals_person_id_people')),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_referrals_program_id_programs')),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], name=op.f('fk_referrals_release_id_releases')),
    sa.ForeignKeyConstraint(['team_member_id'], ['team_members.id'], name=op.f('fk_referrals_team_member_id_team_members')),
    sa.ForeignKeyConstraint(['to_organization_id'], ['organizations.id'], name=op.f('fk_referrals_to_organization_id_organizations')),
    sa.ForeignKeyConstraint(['to_staff_id'], ['staff.id'], name=op.f('fk_referrals_to_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    sa.UniqueConstraint('ref', name=op.f('uq_referrals_ref'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_from_organization_id'), ['from_organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_from_staff_id'), ['from_staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_respond_by'), ['respond_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_sent_on'), ['sent_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_to_organization_id'), ['to_organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_to_staff_id'), ['to_staff_id'], unique=False)

    op.create_table('referral_events',
    sa.Column('referral_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_referral_events_actor_id_users')),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], name=op.f('fk_referral_events_referral_id_referrals')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_referral_events_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_events'))
    )
    with op.batch_alter_table('referral_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_events_referral_id'), ['referral_id'], unique=False)

    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('engagement', sa.String(length=40), server_default='referral_only', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_column('engagement')

    with op.batch_alter_table('referral_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_events_referral_id'))

    op.drop_table('referral_events')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_to_staff_id'))
        batch_op.drop_index(batch_op.f('ix_referrals_to_organization_id'))
        batch_op.drop_index(batch_op.f('ix_referrals_status'))
        batch_op.drop_index(batch_op.f('ix_referrals_sent_on'))
        batch_op.drop_index(batch_op.f('ix_referrals_respond_by'))
        batch_op.drop_index(batch_op.f('ix_referrals_person_id'))
        batch_op.drop_index(batch_op.f('ix_referrals_from_staff_id'))
        batch_op.drop_index(batch_op.f('ix_referrals_from_organization_id'))

    op.drop_table('referrals')
    with op.batch_alter_table('handover_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_items_person_id'))
        batch_op.drop_index(batch_op.f('ix_handover_items_handover_id'))

    op.drop_table('handover_items')
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handovers_staff_id'))

    op.drop_table('handovers')
    with op.batch_alter_table('presence_slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_presence_slots_organization_id'))

    op.drop_table('presence_slots')
    with op.batch_alter_table('glossary_synonyms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_glossary_synonyms_word'))
        batch_op.drop_index(batch_op.f('ix_glossary_synonyms_term_id'))

    op.drop_table('glossary_synonyms')
    with op.batch_alter_table('glossary_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_glossary_terms_term'))
        batch_op.drop_index(batch_op.f('ix_glossary_terms_partnership_id'))

    op.drop_table('glossary_terms')
