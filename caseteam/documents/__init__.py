"""PDF documents: a plain view dataclass in, PDF bytes out (ReportLab). No database, no Qt."""
