create_audit = true
