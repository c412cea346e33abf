"""smoplanner.store package."""
