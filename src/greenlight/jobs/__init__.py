"""Background jobs a user starts and watches: status, progress and the file they produce."""
