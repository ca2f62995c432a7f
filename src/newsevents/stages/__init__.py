"""Pipeline stages, one module per job, in pipeline order:
clean → metadata → sentences → actors → events → dates → places."""
