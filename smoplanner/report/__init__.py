"""smoplanner.report package."""
