"""trust: sign-in, consent, attachments

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 18:04:26.909563
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('store_properties',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_store_properties'))
    )
    op.create_table('attachments',
    sa.Column('owner_entity', sa.String(length=60), nullable=False),
    sa.Column('owner_id', sa.Uuid(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_attachments_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments'))
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_owner_entity'), ['owner_entity'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_owner_id'), ['owner_id'], unique=False)

    op.create_table('releases',
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('two_way', sa.Boolean(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('expiry_event', sa.String(length=300), nullable=False),
    sa.Column('signer_name', sa.String(length=200), nullable=False),
    sa.Column('signer_is_representative', sa.Boolean(), nullable=False),
    sa.Column('signer_authority', sa.String(length=40), nullable=False),
    sa.Column('education_consent_by', sa.String(length=40), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.Column('revocation_method', sa.String(length=200), nullable=False),
    sa.Column('revocation_note', sa.Text(), nullable=False),
    sa.Column('signed_copy_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_releases_person_id_people')),
    sa.ForeignKeyConstraint(['signed_copy_id'], ['attachments.id'], name=op.f('fk_releases_signed_copy_id_attachments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_releases')),
    sa.UniqueConstraint('ref', name=op.f('uq_releases_ref'))
    )
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_releases_person_id'), ['person_id'], unique=False)

    op.create_table('disclosures',
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('release_id', sa.Uuid(), nullable=True),
    sa.Column('recipient_organization_id', sa.Uuid(), nullable=True),
    sa.Column('recipient_name', sa.String(length=200), nullable=False),
    sa.Column('categories', sa.String(length=400), nullable=False),
    sa.Column('description', sa.String(length=400), nullable=False),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_disclosures_actor_id_users')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_disclosures_person_id_people')),
    sa.ForeignKeyConstraint(['recipient_organization_id'], ['organizations.id'], name=op.f('fk_disclosures_recipient_organization_id_organizations')),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], name=op.f('fk_disclosures_release_id_releases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosures'))
    )
    with op.batch_alter_table('disclosures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosures_person_id'), ['person_id'], unique=False)

    op.create_table('release_categories',
    sa.Column('release_id', sa.Uuid(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], name=op.f('fk_release_categories_release_id_releases')),
    sa.PrimaryKeyConstraint('release_id', 'category', name=op.f('pk_release_categories'))
    )
    op.create_table('release_parties',
    sa.Column('release_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_release_parties_organization_id_organizations')),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], name=op.f('fk_release_parties_release_id_releases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_release_parties'))
    )
    with op.batch_alter_table('release_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_release_parties_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_release_parties_release_id'), ['release_id'], unique=False)

    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('person_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_entries_person_id'), ['person_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_sign_ins', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('last_sign_in_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default='0', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
        batch_op.drop_column('last_sign_in_at')
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_sign_ins')

    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_person_id'))
        batch_op.drop_column('person_id')

    with op.batch_alter_table('release_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_release_parties_release_id'))
        batch_op.drop_index(batch_op.f('ix_release_parties_organization_id'))

    op.drop_table('release_parties')
    op.drop_table('release_categories')
    with op.batch_alter_table('disclosures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disclosures_person_id'))

    op.drop_table('disclosures')
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_releases_person_id'))

    op.drop_table('releases')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_owner_id'))
        batch_op.drop_index(batch_op.f('ix_attachments_owner_entity'))

    op.drop_table('attachments')
    op.drop_table('store_properties')
