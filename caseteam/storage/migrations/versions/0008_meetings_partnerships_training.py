"""Partnership work: meetings (series, attendees, agenda, decisions, action items), partnerships with
representatives, joint strategic plans, life domains on programs and people's support needs, and the
staff training log with credentials.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 02:39:52.590867
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('courses',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.String(length=40), nullable=False),
    sa.Column('provider', sa.String(length=200), nullable=False),
    sa.Column('hours', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('credential_name', sa.String(length=200), nullable=False),
    sa.Column('valid_months', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_courses'))
    )
    op.create_table('meeting_series',
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('recurrence', sa.String(length=40), nullable=False),
    sa.Column('interval', sa.Integer(), nullable=False),
    sa.Column('first_starts_local', sa.DateTime(), nullable=False),
    sa.Column('zone', sa.String(length=60), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_series'))
    )
    op.create_table('partnerships',
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=40), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnerships')),
    sa.UniqueConstraint('ref', name=op.f('uq_partnerships_ref'))
    )
    op.create_table('partnership_members',
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_partnership_members_organization_id_organizations')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_partnership_members_partnership_id_partnerships')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership_members')),
    sa.UniqueConstraint('partnership_id', 'organization_id', name=op.f('uq_partnership_members_partnership_id'))
    )
    with op.batch_alter_table('partnership_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_members_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_members_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('strategic_plans',
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('partnership_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('vision', sa.Text(), nullable=False),
    sa.Column('guiding_principles', sa.Text(), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=True),
    sa.Column('period_to', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_strategic_plans_partnership_id_partnerships')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategic_plans')),
    sa.UniqueConstraint('ref', name=op.f('uq_strategic_plans_ref'))
    )
    with op.batch_alter_table('strategic_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategic_plans_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('training_sessions',
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('course_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('presenting_organization_id', sa.Uuid(), nullable=True),
    sa.Column('partnership_id', sa.Uuid(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('topics', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_training_sessions_course_id_courses')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_training_sessions_partnership_id_partnerships')),
    sa.ForeignKeyConstraint(['presenting_organization_id'], ['organizations.id'], name=op.f('fk_training_sessions_presenting_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_sessions'))
    )
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_sessions_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_sessions_held_on'), ['held_on'], unique=False)

    op.create_table('partnership_representatives',
    sa.Column('member_id', sa.Uuid(), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['partnership_members.id'], name=op.f('fk_partnership_representatives_member_id_partnership_members')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_partnership_representatives_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership_representatives'))
    )
    with op.batch_alter_table('partnership_representatives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_representatives_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_representatives_staff_id'), ['staff_id'], unique=False)

    op.create_table('program_domains',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('domain', sa.String(length=40), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_program_domains_program_id_programs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_domains')),
    sa.UniqueConstraint('program_id', 'domain', name=op.f('uq_program_domains_program_id'))
    )
    with op.batch_alter_table('program_domains', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_domains_domain'), ['domain'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_domains_program_id'), ['program_id'], unique=False)

    op.create_table('strategic_goals',
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['strategic_plans.id'], name=op.f('fk_strategic_goals_plan_id_strategic_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategic_goals'))
    )
    with op.batch_alter_table('strategic_goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategic_goals_plan_id'), ['plan_id'], unique=False)

    op.create_table('meetings',
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=True),
    sa.Column('partnership_id', sa.Uuid(), nullable=True),
    sa.Column('host_organization_id', sa.Uuid(), nullable=False),
    sa.Column('series_id', sa.Uuid(), nullable=True),
    sa.Column('previous_id', sa.Uuid(), nullable=True),
    sa.Column('starts_local', sa.DateTime(), nullable=False),
    sa.Column('zone', sa.String(length=60), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('call_link', sa.String(length=500), nullable=False),
    sa.Column('facilitator', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('held_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_meetings_created_by_id_users')),
    sa.ForeignKeyConstraint(['host_organization_id'], ['organizations.id'], name=op.f('fk_meetings_host_organization_id_organizations')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_meetings_partnership_id_partnerships')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_meetings_person_id_people')),
    sa.ForeignKeyConstraint(['previous_id'], ['meetings.id'], name=op.f('fk_meetings_previous_id_meetings')),
    sa.ForeignKeyConstraint(['series_id'], ['meeting_series.id'], name=op.f('fk_meetings_series_id_meeting_series')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    sa.UniqueConstraint('ref', name=op.f('uq_meetings_ref'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_host_organization_id'), ['host_organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_series_id'), ['series_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_starts_local'), ['starts_local'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_status'), ['status'], unique=False)

    op.create_table('strategic_strategies',
    sa.Column('goal_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['strategic_goals.id'], name=op.f('fk_strategic_strategies_goal_id_strategic_goals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategic_strategies'))
    )
    with op.batch_alter_table('strategic_strategies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategic_strategies_goal_id'), ['goal_id'], unique=False)

    op.create_table('support_needs',
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('domain', sa.String(length=40), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('met_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_support_needs_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_needs'))
    )
    with op.batch_alter_table('support_needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_needs_domain'), ['domain'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_needs_person_id'), ['person_id'], unique=False)

    op.create_table('credentials',
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('issuer', sa.String(length=200), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('course_id', sa.Uuid(), nullable=True),
    sa.Column('session_id', sa.Uuid(), nullable=True),
    sa.Column('required_by_funder_id', sa.Uuid(), nullable=True),
    sa.Column('attachment_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'], name=op.f('fk_credentials_attachment_id_attachments')),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_credentials_course_id_courses')),
    sa.ForeignKeyConstraint(['required_by_funder_id'], ['funders.id'], name=op.f('fk_credentials_required_by_funder_id_funders')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_credentials_session_id_training_sessions')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_credentials_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credentials'))
    )
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credentials_expires_on'), ['expires_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_credentials_staff_id'), ['staff_id'], unique=False)

    op.create_table('meeting_action_items',
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('task_id', sa.Uuid(), nullable=True),
    sa.Column('carried', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_action_items_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_meeting_action_items_organization_id_organizations')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_meeting_action_items_staff_id_staff')),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_meeting_action_items_task_id_tasks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_action_items'))
    )
    with op.batch_alter_table('meeting_action_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_action_items_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_action_items_task_id'), ['task_id'], unique=False)

    op.create_table('meeting_attendees',
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=True),
    sa.Column('person_id', sa.Uuid(), nullable=True),
    sa.Column('organization_id', sa.Uuid(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.Column('attendance', sa.String(length=40), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_attendees_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_meeting_attendees_organization_id_organizations')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_meeting_attendees_person_id_people')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_meeting_attendees_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_attendees'))
    )
    with op.batch_alter_table('meeting_attendees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_attendees_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendees_staff_id'), ['staff_id'], unique=False)

    op.create_table('meeting_decisions',
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_decisions_meeting_id_meetings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_decisions'))
    )
    with op.batch_alter_table('meeting_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_decisions_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('strategic_actions',
    sa.Column('strategy_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner_organization_id', sa.Uuid(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_organization_id'], ['organizations.id'], name=op.f('fk_strategic_actions_owner_organization_id_organizations')),
    sa.ForeignKeyConstraint(['strategy_id'], ['strategic_strategies.id'], name=op.f('fk_strategic_actions_strategy_id_strategic_strategies')),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_strategic_actions_task_id_tasks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategic_actions'))
    )
    with op.batch_alter_table('strategic_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategic_actions_owner_organization_id'), ['owner_organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_strategic_actions_strategy_id'), ['strategy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_strategic_actions_task_id'), ['task_id'], unique=False)

    op.create_table('training_attendance',
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.Column('completed', sa.Boolean(), nullable=False),
    sa.Column('certificate_attachment_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['certificate_attachment_id'], ['attachments.id'], name=op.f('fk_training_attendance_certificate_attachment_id_attachments')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_training_attendance_session_id_training_sessions')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_training_attendance_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_attendance')),
    sa.UniqueConstraint('session_id', 'staff_id', name=op.f('uq_training_attendance_session_id'))
    )
    with op.batch_alter_table('training_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_attendance_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_attendance_staff_id'), ['staff_id'], unique=False)

    op.create_table('meeting_agenda_items',
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('carried_from_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['carried_from_id'], ['meeting_action_items.id'], name=op.f('fk_meeting_agenda_items_carried_from_id_meeting_action_items')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_agenda_items_meeting_id_meetings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_agenda_items'))
    )
    with op.batch_alter_table('meeting_agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_agenda_items_meeting_id'), ['meeting_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('meeting_agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_agenda_items_meeting_id'))

    op.drop_table('meeting_agenda_items')
    with op.batch_alter_table('training_attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_attendance_staff_id'))
        batch_op.drop_index(batch_op.f('ix_training_attendance_session_id'))

    op.drop_table('training_attendance')
    with op.batch_alter_table('strategic_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strategic_actions_task_id'))
        batch_op.drop_index(batch_op.f('ix_strategic_actions_strategy_id'))
        batch_op.drop_index(batch_op.f('ix_strategic_actions_owner_organization_id'))

    op.drop_table('strategic_actions')
    with op.batch_alter_table('meeting_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_decisions_meeting_id'))

    op.drop_table('meeting_decisions')
    with op.batch_alter_table('meeting_attendees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_attendees_staff_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendees_meeting_id'))

    op.drop_table('meeting_attendees')
    with op.batch_alter_table('meeting_action_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_action_items_task_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_action_items_meeting_id'))

    op.drop_table('meeting_action_items')
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credentials_staff_id'))
        batch_op.drop_index(batch_op.f('ix_credentials_expires_on'))

    op.drop_table('credentials')
    with op.batch_alter_table('support_needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_needs_person_id'))
        batch_op.drop_index(batch_op.f('ix_support_needs_domain'))

    op.drop_table('support_needs')
    with op.batch_alter_table('strategic_strategies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strategic_strategies_goal_id'))

    op.drop_table('strategic_strategies')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_status'))
        batch_op.drop_index(batch_op.f('ix_meetings_starts_local'))
        batch_op.drop_index(batch_op.f('ix_meetings_series_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_person_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_kind'))
        batch_op.drop_index(batch_op.f('ix_meetings_host_organization_id'))

    op.drop_table('meetings')
    with op.batch_alter_table('strategic_goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strategic_goals_plan_id'))

    op.drop_table('strategic_goals')
    with op.batch_alter_table('program_domains', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_domains_program_id'))
        batch_op.drop_index(batch_op.f('ix_program_domains_domain'))

    op.drop_table('program_domains')
    with op.batch_alter_table('partnership_representatives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnership_representatives_staff_id'))
        batch_op.drop_index(batch_op.f('ix_partnership_representatives_member_id'))

    op.drop_table('partnership_representatives')
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_sessions_held_on'))
        batch_op.drop_index(batch_op.f('ix_training_sessions_course_id'))

    op.drop_table('training_sessions')
    with op.batch_alter_table('strategic_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strategic_plans_partnership_id'))

    op.drop_table('strategic_plans')
    with op.batch_alter_table('partnership_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnership_members_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_partnership_members_organization_id'))

    op.drop_table('partnership_members')
    op.drop_table('partnerships')
    op.drop_table('meeting_series')
    op.drop_table('courses')
