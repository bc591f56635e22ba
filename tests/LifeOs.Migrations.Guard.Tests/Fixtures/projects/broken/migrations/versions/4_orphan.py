revision = "c0ffee000004"
down_revision = "c0ffee0000ff"

def upgrade():
    print "py2"
