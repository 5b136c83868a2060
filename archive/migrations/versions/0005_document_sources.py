"""documents: what each source file contributes to its ruling (quality rank, OCR, text source, its metadata)

One ruling may have several source files (rechtspraak XML and a PDF of it, a born-digital PDF and its scan); the
best ranked one supplies the text, and metadata is merged from all (archive.sources).

Existing rows: before this revision the last stored file of a ruling wrote all of it, so the most recently updated
published document of each ruling becomes its text source and takes the ruling's pages, OCR pages and extractor.
Its merged fields stay NULL: the store then reads them off the ruling itself. Other documents get a rank from their
format only (whether they were scanned is not known any more).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# archive.sources.QUALITY_RANK at the time of writing (a migration keeps its own copy of what it relies on).
_XML, _BORN_DIGITAL, _OCR = 3, 2, 1


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("extractor", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("pages", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("ocr_pages", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("quality_rank", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("text_chars", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("fields", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("text_source", sa.Boolean(), nullable=False, server_default=sa.false()))
    _backfill()


def _backfill() -> None:
    bind = op.get_bind()
    docs = sa.table("documents", sa.column("id", sa.Integer), sa.column("ruling_id", sa.Integer),
                    sa.column("status", sa.String), sa.column("source_format", sa.String),
                    sa.column("updated_at", sa.DateTime), sa.column("extractor", sa.String),
                    sa.column("pages", sa.Integer), sa.column("ocr_pages", sa.JSON),
                    sa.column("quality_rank", sa.Integer), sa.column("text_chars", sa.Integer),
                    sa.column("text_source", sa.Boolean))
    rulings = sa.table("rulings", sa.column("id", sa.Integer), sa.column("extractor", sa.String),
                       sa.column("pages", sa.Integer), sa.column("ocr_pages", sa.JSON),
                       sa.column("text", sa.Text), sa.column("annex", sa.Text))
    ruling_rows = {r.id: r for r in bind.execute(sa.select(
        rulings.c.id, rulings.c.extractor, rulings.c.pages, rulings.c.ocr_pages,
        (sa.func.coalesce(sa.func.length(rulings.c.text), 0)
         + sa.func.coalesce(sa.func.length(rulings.c.annex), 0)).label("chars")))}
    linked = bind.execute(sa.select(docs.c.id, docs.c.ruling_id, docs.c.source_format)
                          .where(docs.c.ruling_id.is_not(None), docs.c.status == "published")
                          .order_by(docs.c.ruling_id, docs.c.updated_at.desc(), docs.c.id.desc())).all()
    seen: set[int] = set()
    for row in linked:
        ruling_id = int(row.ruling_id)
        xml = row.source_format == "rechtspraak-xml"
        ruling = ruling_rows.get(ruling_id)
        values: dict[str, object]
        if ruling_id in seen or ruling is None:
            values = {"quality_rank": _XML if xml else _BORN_DIGITAL}
        else:
            seen.add(ruling_id)
            ocr_pages = list(ruling.ocr_pages or [])
            values = {"quality_rank": _XML if xml else _OCR if ocr_pages else _BORN_DIGITAL,
                      "extractor": ruling.extractor, "pages": ruling.pages, "ocr_pages": ocr_pages,
                      "text_chars": ruling.chars, "text_source": True}
        bind.execute(sa.update(docs).where(docs.c.id == row.id).values(**values))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        for name in ("text_source", "fields", "text_chars", "quality_rank", "ocr_pages", "pages", "extractor"):
            batch_op.drop_column(name)
