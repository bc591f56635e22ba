def upgrade():
    if True:
        op.drop_table("a")

        # a comment at another depth
    x = (1,
  2,
         3)
    y = 1 + \
        2
	# tab-indented comment lines never indent
def downgrade():
    pass
