"""Read-only views: order pages, the day's numbers, the daily report."""
