op.execute(sa.text("SELECT 1")
def downgrade():
    pass
