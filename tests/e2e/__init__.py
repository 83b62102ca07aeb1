"""End-to-end tests: a real Home Assistant process driven through its web UI."""
