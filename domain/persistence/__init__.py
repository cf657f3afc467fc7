"""SQLAlchemy persistence for the domain model: tables, mapping, repositories, unit of work."""
