def upgrade():
        op.drop_table("a")
    op.drop_table("b")
