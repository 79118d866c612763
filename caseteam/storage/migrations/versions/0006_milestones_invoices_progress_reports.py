"""Funding, second part: milestones (some due from job dates), invoices with lines and revisions,
progress reports; what achieves a funder's milestone service.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:29:31.760793
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('invoices',
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('funder_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('provider_organization_id', sa.Uuid(), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('previous_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('paid_amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('returned_on', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('document_attachment_id', sa.Uuid(), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_invoices_created_by_id_users')),
    sa.ForeignKeyConstraint(['document_attachment_id'], ['attachments.id'], name=op.f('fk_invoices_document_attachment_id_attachments')),
    sa.ForeignKeyConstraint(['funder_id'], ['funders.id'], name=op.f('fk_invoices_funder_id_funders')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_invoices_person_id_people')),
    sa.ForeignKeyConstraint(['previous_id'], ['invoices.id'], name=op.f('fk_invoices_previous_id_invoices')),
    sa.ForeignKeyConstraint(['provider_organization_id'], ['organizations.id'], name=op.f('fk_invoices_provider_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoices')),
    sa.UniqueConstraint('ref', name=op.f('uq_invoices_ref'))
    )
    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoices_funder_id'), ['funder_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoices_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoices_status'), ['status'], unique=False)

    op.create_table('milestones',
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('funder_service_id', sa.Uuid(), nullable=False),
    sa.Column('authorization_id', sa.Uuid(), nullable=True),
    sa.Column('job_id', sa.Uuid(), nullable=True),
    sa.Column('event', sa.String(length=40), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('achieved_on', sa.Date(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('evidence_attachment_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authorization_id'], ['authorizations.id'], name=op.f('fk_milestones_authorization_id_authorizations')),
    sa.ForeignKeyConstraint(['evidence_attachment_id'], ['attachments.id'], name=op.f('fk_milestones_evidence_attachment_id_attachments')),
    sa.ForeignKeyConstraint(['funder_service_id'], ['funder_services.id'], name=op.f('fk_milestones_funder_service_id_funder_services')),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_milestones_job_id_jobs')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_milestones_person_id_people')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_milestones_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones')),
    sa.UniqueConstraint('ref', name=op.f('uq_milestones_ref'))
    )
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestones_funder_service_id'), ['funder_service_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_status'), ['status'], unique=False)

    op.create_table('progress_reports',
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('funder_id', sa.Uuid(), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('layout', sa.String(length=40), nullable=False),
    sa.Column('narrative', sa.Text(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('document_attachment_id', sa.Uuid(), nullable=True),
    sa.Column('invoice_id', sa.Uuid(), nullable=True),
    sa.Column('written_by_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_attachment_id'], ['attachments.id'], name=op.f('fk_progress_reports_document_attachment_id_attachments')),
    sa.ForeignKeyConstraint(['funder_id'], ['funders.id'], name=op.f('fk_progress_reports_funder_id_funders')),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoices.id'], name=op.f('fk_progress_reports_invoice_id_invoices')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_progress_reports_person_id_people')),
    sa.ForeignKeyConstraint(['written_by_id'], ['users.id'], name=op.f('fk_progress_reports_written_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_reports')),
    sa.UniqueConstraint('ref', name=op.f('uq_progress_reports_ref'))
    )
    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_reports_funder_id'), ['funder_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_reports_person_id'), ['person_id'], unique=False)

    op.create_table('invoice_lines',
    sa.Column('invoice_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('service_entry_id', sa.Uuid(), nullable=True),
    sa.Column('milestone_id', sa.Uuid(), nullable=True),
    sa.Column('served_on', sa.Date(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('units', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('rate', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoices.id'], name=op.f('fk_invoice_lines_invoice_id_invoices')),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestones.id'], name=op.f('fk_invoice_lines_milestone_id_milestones')),
    sa.ForeignKeyConstraint(['service_entry_id'], ['service_entries.id'], name=op.f('fk_invoice_lines_service_entry_id_service_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoice_lines'))
    )
    with op.batch_alter_table('invoice_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoice_lines_invoice_id'), ['invoice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoice_lines_milestone_id'), ['milestone_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoice_lines_service_entry_id'), ['service_entry_id'], unique=False)

    with op.batch_alter_table('funder_services', schema=None) as batch_op:
        batch_op.add_column(sa.Column('milestone_event', sa.String(length=40), nullable=False, server_default='manual'))



def downgrade() -> None:
    with op.batch_alter_table('funder_services', schema=None) as batch_op:
        batch_op.drop_column('milestone_event')

    with op.batch_alter_table('invoice_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invoice_lines_service_entry_id'))
        batch_op.drop_index(batch_op.f('ix_invoice_lines_milestone_id'))
        batch_op.drop_index(batch_op.f('ix_invoice_lines_invoice_id'))

    op.drop_table('invoice_lines')
    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_reports_person_id'))
        batch_op.drop_index(batch_op.f('ix_progress_reports_funder_id'))

    op.drop_table('progress_reports')
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestones_status'))
        batch_op.drop_index(batch_op.f('ix_milestones_person_id'))
        batch_op.drop_index(batch_op.f('ix_milestones_job_id'))
        batch_op.drop_index(batch_op.f('ix_milestones_funder_service_id'))

    op.drop_table('milestones')
    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invoices_status'))
        batch_op.drop_index(batch_op.f('ix_invoices_person_id'))
        batch_op.drop_index(batch_op.f('ix_invoices_funder_id'))

    op.drop_table('invoices')
