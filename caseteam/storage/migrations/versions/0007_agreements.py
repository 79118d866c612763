"""Service agreements: letterheads, clause templates, agreements with versions, parties, signatories,
sections and service lines.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 01:31:48.615548
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('clause_templates',
    sa.Column('organization_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('section_key', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_clause_templates_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clause_templates'))
    )
    with op.batch_alter_table('clause_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clause_templates_organization_id'), ['organization_id'], unique=False)

    op.create_table('agreements',
    sa.Column('ref', sa.String(length=30), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('previous_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('prepared_by_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=True),
    sa.Column('funder_id', sa.Uuid(), nullable=True),
    sa.Column('contract_number', sa.String(length=60), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('page_size', sa.String(length=10), nullable=False),
    sa.Column('large_print', sa.Boolean(), nullable=False),
    sa.Column('finalized_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finalized_by_id', sa.Uuid(), nullable=True),
    sa.Column('document_attachment_id', sa.Uuid(), nullable=True),
    sa.Column('document_sha256', sa.String(length=64), nullable=False),
    sa.Column('signed_copy_attachment_id', sa.Uuid(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.Text(), nullable=False),
    sa.Column('amendment_reason', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_agreements_created_by_id_users')),
    sa.ForeignKeyConstraint(['document_attachment_id'], ['attachments.id'], name=op.f('fk_agreements_document_attachment_id_attachments')),
    sa.ForeignKeyConstraint(['finalized_by_id'], ['users.id'], name=op.f('fk_agreements_finalized_by_id_users')),
    sa.ForeignKeyConstraint(['funder_id'], ['funders.id'], name=op.f('fk_agreements_funder_id_funders')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_agreements_person_id_people')),
    sa.ForeignKeyConstraint(['prepared_by_id'], ['organizations.id'], name=op.f('fk_agreements_prepared_by_id_organizations')),
    sa.ForeignKeyConstraint(['previous_id'], ['agreements.id'], name=op.f('fk_agreements_previous_id_agreements')),
    sa.ForeignKeyConstraint(['signed_copy_attachment_id'], ['attachments.id'], name=op.f('fk_agreements_signed_copy_attachment_id_attachments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements')),
    sa.UniqueConstraint('ref', name=op.f('uq_agreements_ref'))
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreements_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_number'), ['number'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_status'), ['status'], unique=False)

    op.create_table('letterheads',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('phone', sa.String(length=60), nullable=False),
    sa.Column('logo_attachment_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['logo_attachment_id'], ['attachments.id'], name=op.f('fk_letterheads_logo_attachment_id_attachments')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_letterheads_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letterheads')),
    sa.UniqueConstraint('organization_id', name=op.f('uq_letterheads_organization_id'))
    )
    op.create_table('agreement_parties',
    sa.Column('agreement_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=True),
    sa.Column('person_id', sa.Uuid(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.Column('contributions', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_parties_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_agreement_parties_organization_id_organizations')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_agreement_parties_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_parties'))
    )
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_parties_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('agreement_sections',
    sa.Column('agreement_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('section_key', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_sections_agreement_id_agreements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_sections'))
    )
    with op.batch_alter_table('agreement_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_sections_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('agreement_service_lines',
    sa.Column('agreement_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('funder_service_id', sa.Uuid(), nullable=True),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('service', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('rate', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('units', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('provided_by', sa.String(length=200), nullable=False),
    sa.Column('paid_by', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_service_lines_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['funder_service_id'], ['funder_services.id'], name=op.f('fk_agreement_service_lines_funder_service_id_funder_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_service_lines'))
    )
    with op.batch_alter_table('agreement_service_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_service_lines_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('agreement_signatories',
    sa.Column('party_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=True),
    sa.Column('is_person', sa.Boolean(), nullable=False),
    sa.Column('representative_authority', sa.String(length=100), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['agreement_parties.id'], name=op.f('fk_agreement_signatories_party_id_agreement_parties')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_agreement_signatories_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_signatories'))
    )
    with op.batch_alter_table('agreement_signatories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_signatories_party_id'), ['party_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('agreement_signatories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_signatories_party_id'))

    op.drop_table('agreement_signatories')
    with op.batch_alter_table('agreement_service_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_service_lines_agreement_id'))

    op.drop_table('agreement_service_lines')
    with op.batch_alter_table('agreement_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_sections_agreement_id'))

    op.drop_table('agreement_sections')
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_parties_agreement_id'))

    op.drop_table('agreement_parties')
    op.drop_table('letterheads')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreements_status'))
        batch_op.drop_index(batch_op.f('ix_agreements_person_id'))
        batch_op.drop_index(batch_op.f('ix_agreements_number'))
        batch_op.drop_index(batch_op.f('ix_agreements_kind'))

    op.drop_table('agreements')
    with op.batch_alter_table('clause_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clause_templates_organization_id'))

    op.drop_table('clause_templates')
