"""Export: one document model -> DOCX (python-docx) and PDF (QtGui only). See `exporter.export_artifact`.

Importing this package does not import Qt; `pdf_writer` (QtGui) is loaded only when a PDF is written."""

from careervp_desktop.export.document import Document, build_document
from careervp_desktop.export.exporter import FORMATS, export_artifact

__all__ = ["FORMATS", "Document", "build_document", "export_artifact"]
