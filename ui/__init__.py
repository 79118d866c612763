"""The Qt desktop interface. Thin: it asks caseteam.services for work through ui.operations."""
