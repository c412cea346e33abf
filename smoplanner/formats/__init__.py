"""smoplanner.formats package."""
