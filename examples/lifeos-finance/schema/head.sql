schema public
extension plpgsql schema pg_catalog
enum public.account_type ('checking', 'savings', 'credit_card', 'cash', 'investment', 'loan')
enum public.budget_period ('monthly', 'quarterly', 'yearly')
enum public.recurrence_frequency ('weekly', 'biweekly', 'monthly', 'quarterly', 'yearly')
sequence public.accounts_id_seq bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1 owned by public.accounts.id
sequence public.audit_log_id_seq bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1 owned by public.audit_log.id
sequence public.budgets_id_seq bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1 owned by public.budgets.id
sequence public.categories_id_seq bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1 owned by public.categories.id
sequence public.recurring_payments_id_seq bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1 owned by public.recurring_payments.id
sequence public.tag_rules_id_seq bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1 owned by public.tag_rules.id
sequence public.tags_id_seq bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1 owned by public.tags.id
sequence public.transactions_id_seq bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1 owned by public.transactions.id
sequence public.users_id_seq bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1 owned by public.users.id
table public.accounts
column public.accounts.id bigint not null default nextval('public.accounts_id_seq'::regclass)
column public.accounts.user_id bigint not null
column public.accounts.name character varying(100) not null
column public.accounts.type public.account_type not null
column public.accounts.currency character(3) not null default 'EUR'::bpchar
column public.accounts.opening_balance numeric(14,2) not null default '0'::numeric
column public.accounts.is_archived boolean not null default false
column public.accounts.created_at timestamp with time zone not null default now()
column public.accounts.updated_at timestamp with time zone not null default now()
constraint public.accounts.ck_accounts_currency_iso CHECK (currency ~ '^[A-Z]{3}$'::text)
constraint public.accounts.fk_accounts_user_id_users FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE
constraint public.accounts.pk_accounts PRIMARY KEY (id)
index public.accounts.ix_accounts_user_id CREATE INDEX ix_accounts_user_id ON public.accounts USING btree (user_id)
index public.accounts.pk_accounts CREATE UNIQUE INDEX pk_accounts ON public.accounts USING btree (id)
trigger public.accounts.trg_accounts_audit CREATE TRIGGER trg_accounts_audit AFTER INSERT OR DELETE OR UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.audit_row_change()
trigger public.accounts.trg_accounts_updated_at CREATE TRIGGER trg_accounts_updated_at BEFORE UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.set_updated_at()
table public.audit_log
column public.audit_log.id bigint not null default nextval('public.audit_log_id_seq'::regclass)
column public.audit_log.table_name text not null
column public.audit_log.row_id bigint not null
column public.audit_log.action character varying(6) not null
column public.audit_log.old_data jsonb
column public.audit_log.new_data jsonb
column public.audit_log.changed_by text not null default CURRENT_USER
column public.audit_log.changed_at timestamp with time zone not null default now()
constraint public.audit_log.ck_audit_log_action CHECK (action::text = ANY (ARRAY['INSERT'::character varying, 'UPDATE'::character varying, 'DELETE'::character varying]::text[]))
constraint public.audit_log.pk_audit_log PRIMARY KEY (id)
index public.audit_log.ix_audit_log_table_row CREATE INDEX ix_audit_log_table_row ON public.audit_log USING btree (table_name, row_id)
index public.audit_log.pk_audit_log CREATE UNIQUE INDEX pk_audit_log ON public.audit_log USING btree (id)
table public.budgets
column public.budgets.id bigint not null default nextval('public.budgets_id_seq'::regclass)
column public.budgets.user_id bigint not null
column public.budgets.category_id bigint not null
column public.budgets.period public.budget_period not null default 'monthly'::public.budget_period
column public.budgets.starts_on date not null
column public.budgets.limit_amount numeric(14,2) not null
column public.budgets.rollover boolean not null default false
column public.budgets.currency character(3) not null default 'EUR'::bpchar
column public.budgets.updated_at timestamp with time zone not null default now()
constraint public.budgets.ck_budgets_currency_iso CHECK (currency ~ '^[A-Z]{3}$'::text)
constraint public.budgets.ck_budgets_limit_positive CHECK (limit_amount > 0::numeric)
constraint public.budgets.fk_budgets_category_id_categories FOREIGN KEY (category_id) REFERENCES public.categories(id) ON DELETE CASCADE
constraint public.budgets.fk_budgets_user_id_users FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE
constraint public.budgets.pk_budgets PRIMARY KEY (id)
constraint public.budgets.uq_budgets_user_category_period_start UNIQUE (user_id, category_id, period, starts_on)
index public.budgets.pk_budgets CREATE UNIQUE INDEX pk_budgets ON public.budgets USING btree (id)
index public.budgets.uq_budgets_user_category_period_start CREATE UNIQUE INDEX uq_budgets_user_category_period_start ON public.budgets USING btree (user_id, category_id, period, starts_on)
trigger public.budgets.trg_budgets_updated_at CREATE TRIGGER trg_budgets_updated_at BEFORE UPDATE ON public.budgets FOR EACH ROW EXECUTE FUNCTION public.set_updated_at()
table public.categories
column public.categories.id bigint not null default nextval('public.categories_id_seq'::regclass)
column public.categories.user_id bigint not null
column public.categories.parent_id bigint
column public.categories.name character varying(80) not null
column public.categories.is_income boolean not null default false
constraint public.categories.ck_categories_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
constraint public.categories.fk_categories_parent_id_categories FOREIGN KEY (parent_id) REFERENCES public.categories(id) ON DELETE SET NULL
constraint public.categories.fk_categories_user_id_users FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE
constraint public.categories.pk_categories PRIMARY KEY (id)
constraint public.categories.uq_categories_user_parent_name UNIQUE (user_id, parent_id, name)
index public.categories.pk_categories CREATE UNIQUE INDEX pk_categories ON public.categories USING btree (id)
index public.categories.uq_categories_user_parent_name CREATE UNIQUE INDEX uq_categories_user_parent_name ON public.categories USING btree (user_id, parent_id, name)
table public.recurring_payments
column public.recurring_payments.id bigint not null default nextval('public.recurring_payments_id_seq'::regclass)
column public.recurring_payments.account_id bigint not null
column public.recurring_payments.category_id bigint
column public.recurring_payments.description text not null
column public.recurring_payments.amount numeric(14,2) not null
column public.recurring_payments.frequency public.recurrence_frequency not null
column public.recurring_payments.next_due_on date not null
column public.recurring_payments.ends_on date
column public.recurring_payments.is_active boolean not null default true
constraint public.recurring_payments.ck_recurring_payments_amount_nonzero CHECK (amount <> 0::numeric)
constraint public.recurring_payments.ck_recurring_payments_ends_after_due CHECK (ends_on IS NULL OR ends_on >= next_due_on)
constraint public.recurring_payments.fk_recurring_payments_account_id_accounts FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE
constraint public.recurring_payments.fk_recurring_payments_category_id_categories FOREIGN KEY (category_id) REFERENCES public.categories(id) ON DELETE SET NULL
constraint public.recurring_payments.pk_recurring_payments PRIMARY KEY (id)
index public.recurring_payments.ix_recurring_payments_next_due_on CREATE INDEX ix_recurring_payments_next_due_on ON public.recurring_payments USING btree (next_due_on) WHERE is_active
index public.recurring_payments.pk_recurring_payments CREATE UNIQUE INDEX pk_recurring_payments ON public.recurring_payments USING btree (id)
table public.tag_rules
column public.tag_rules.id bigint not null default nextval('public.tag_rules_id_seq'::regclass)
column public.tag_rules.tag_id bigint not null
column public.tag_rules.counterparty_pattern character varying(200) not null
column public.tag_rules.priority smallint not null default '100'::smallint
column public.tag_rules.is_enabled boolean not null default true
constraint public.tag_rules.ck_tag_rules_pattern_not_empty CHECK (length(counterparty_pattern::text) > 0)
constraint public.tag_rules.fk_tag_rules_tag_id_tags FOREIGN KEY (tag_id) REFERENCES public.tags(id) ON DELETE CASCADE
constraint public.tag_rules.pk_tag_rules PRIMARY KEY (id)
index public.tag_rules.ix_tag_rules_tag_id CREATE INDEX ix_tag_rules_tag_id ON public.tag_rules USING btree (tag_id)
index public.tag_rules.pk_tag_rules CREATE UNIQUE INDEX pk_tag_rules ON public.tag_rules USING btree (id)
table public.tags
column public.tags.id bigint not null default nextval('public.tags_id_seq'::regclass)
column public.tags.user_id bigint not null
column public.tags.name character varying(50) not null
column public.tags.color character(7) not null default '#9e9e9e'::bpchar
constraint public.tags.ck_tags_color_hex CHECK (color ~ '^#[0-9a-f]{6}$'::text)
constraint public.tags.fk_tags_user_id_users FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE
constraint public.tags.pk_tags PRIMARY KEY (id)
constraint public.tags.uq_tags_user_id_name UNIQUE (user_id, name)
index public.tags.pk_tags CREATE UNIQUE INDEX pk_tags ON public.tags USING btree (id)
index public.tags.uq_tags_user_id_name CREATE UNIQUE INDEX uq_tags_user_id_name ON public.tags USING btree (user_id, name)
table public.transaction_tags
column public.transaction_tags.transaction_id bigint not null
column public.transaction_tags.tag_id bigint not null
column public.transaction_tags.tagged_at timestamp with time zone not null default now()
constraint public.transaction_tags.fk_transaction_tags_tag_id_tags FOREIGN KEY (tag_id) REFERENCES public.tags(id) ON DELETE CASCADE
constraint public.transaction_tags.fk_transaction_tags_transaction_id_transactions FOREIGN KEY (transaction_id) REFERENCES public.transactions(id) ON DELETE CASCADE
constraint public.transaction_tags.pk_transaction_tags PRIMARY KEY (transaction_id, tag_id)
index public.transaction_tags.ix_transaction_tags_tag_id CREATE INDEX ix_transaction_tags_tag_id ON public.transaction_tags USING btree (tag_id)
index public.transaction_tags.pk_transaction_tags CREATE UNIQUE INDEX pk_transaction_tags ON public.transaction_tags USING btree (transaction_id, tag_id)
table public.transactions
column public.transactions.id bigint not null default nextval('public.transactions_id_seq'::regclass)
column public.transactions.account_id bigint not null
column public.transactions.category_id bigint
column public.transactions.booked_on date not null default CURRENT_DATE
column public.transactions.amount numeric(14,2) not null
column public.transactions.description text not null default ''::text
column public.transactions.counterparty character varying(200)
column public.transactions.is_cleared boolean not null default false
column public.transactions.created_at timestamp with time zone not null default now()
column public.transactions.recurring_payment_id bigint
column public.transactions.external_id character varying(64)
constraint public.transactions.ck_transactions_amount_nonzero CHECK (amount <> 0::numeric)
constraint public.transactions.fk_transactions_account_id_accounts FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE
constraint public.transactions.fk_transactions_category_id_categories FOREIGN KEY (category_id) REFERENCES public.categories(id) ON DELETE SET NULL
constraint public.transactions.fk_transactions_recurring_payment_id_recurring_payments FOREIGN KEY (recurring_payment_id) REFERENCES public.recurring_payments(id) ON DELETE SET NULL
constraint public.transactions.pk_transactions PRIMARY KEY (id)
constraint public.transactions.uq_transactions_account_id_external_id UNIQUE (account_id, external_id)
index public.transactions.ix_transactions_account_id_booked_on CREATE INDEX ix_transactions_account_id_booked_on ON public.transactions USING btree (account_id, booked_on)
index public.transactions.ix_transactions_category_id CREATE INDEX ix_transactions_category_id ON public.transactions USING btree (category_id) WHERE (category_id IS NOT NULL)
index public.transactions.ix_transactions_recurring_payment_id CREATE INDEX ix_transactions_recurring_payment_id ON public.transactions USING btree (recurring_payment_id) WHERE (recurring_payment_id IS NOT NULL)
index public.transactions.pk_transactions CREATE UNIQUE INDEX pk_transactions ON public.transactions USING btree (id)
index public.transactions.uq_transactions_account_id_external_id CREATE UNIQUE INDEX uq_transactions_account_id_external_id ON public.transactions USING btree (account_id, external_id)
trigger public.transactions.trg_transactions_audit CREATE TRIGGER trg_transactions_audit AFTER INSERT OR DELETE OR UPDATE ON public.transactions FOR EACH ROW EXECUTE FUNCTION public.audit_row_change()
table public.user_settings
column public.user_settings.user_id bigint not null
column public.user_settings.default_currency character(3) not null default 'EUR'::bpchar
column public.user_settings.locale character varying(35) not null default 'en-GB'::character varying
column public.user_settings.week_starts_on smallint not null default '1'::smallint
column public.user_settings.updated_at timestamp with time zone not null default now()
constraint public.user_settings.ck_user_settings_default_currency_iso CHECK (default_currency ~ '^[A-Z]{3}$'::text)
constraint public.user_settings.ck_user_settings_week_starts_on_range CHECK (week_starts_on >= 1 AND week_starts_on <= 7)
constraint public.user_settings.fk_user_settings_user_id_users FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE
constraint public.user_settings.pk_user_settings PRIMARY KEY (user_id)
index public.user_settings.pk_user_settings CREATE UNIQUE INDEX pk_user_settings ON public.user_settings USING btree (user_id)
table public.users
column public.users.id bigint not null default nextval('public.users_id_seq'::regclass)
column public.users.email character varying(320) not null
column public.users.display_name character varying(120) not null
column public.users.is_active boolean not null default true
column public.users.created_at timestamp with time zone not null default now()
constraint public.users.ck_users_email_lowercase CHECK (email::text = lower(email::text))
constraint public.users.pk_users PRIMARY KEY (id)
constraint public.users.uq_users_email UNIQUE (email)
index public.users.pk_users CREATE UNIQUE INDEX pk_users ON public.users USING btree (id)
index public.users.uq_users_email CREATE UNIQUE INDEX uq_users_email ON public.users USING btree (email)
view public.account_balances
     SELECT a.id AS account_id,
        a.user_id,
        a.currency,
        a.opening_balance + COALESCE(sum(t.amount), 0::numeric) AS balance
       FROM public.accounts a
         LEFT JOIN public.transactions t ON t.account_id = a.id
      GROUP BY a.id, a.user_id, a.currency, a.opening_balance;
view public.monthly_category_spending
     SELECT a.user_id,
        date_trunc('month'::text, t.booked_on::timestamp with time zone)::date AS month,
        t.category_id,
        a.currency,
        sum(t.amount) AS total,
        count(*) AS transaction_count
       FROM public.transactions t
         JOIN public.accounts a ON a.id = t.account_id
      WHERE NOT a.is_archived
      GROUP BY a.user_id, (date_trunc('month'::text, t.booked_on::timestamp with time zone)::date), t.category_id, a.currency;
view public.tag_spending
     SELECT tg.user_id,
        tg.id AS tag_id,
        tg.name AS tag_name,
        a.currency,
        sum(t.amount) AS total,
        min(t.booked_on) AS first_booked_on,
        max(t.booked_on) AS last_booked_on
       FROM public.tags tg
         JOIN public.transaction_tags tt ON tt.tag_id = tg.id
         JOIN public.transactions t ON t.id = tt.transaction_id
         JOIN public.accounts a ON a.id = t.account_id
      GROUP BY tg.user_id, tg.id, tg.name, a.currency;
function public.audit_row_change()
    CREATE OR REPLACE FUNCTION public.audit_row_change()
     RETURNS trigger
     LANGUAGE plpgsql
    AS $function$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        INSERT INTO audit_log (table_name, row_id, action, old_data)
                        VALUES (TG_TABLE_NAME, OLD.id, TG_OP, to_jsonb(OLD));
                        RETURN OLD;
                    END IF;
                    INSERT INTO audit_log (table_name, row_id, action, old_data, new_data)
                    VALUES (
                        TG_TABLE_NAME,
                        NEW.id,
                        TG_OP,
                        CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END,
                        to_jsonb(NEW)
                    );
                    RETURN NEW;
                END;
                $function$
function public.set_updated_at()
    CREATE OR REPLACE FUNCTION public.set_updated_at()
     RETURNS trigger
     LANGUAGE plpgsql
    AS $function$
                BEGIN
                    NEW.updated_at := now();
                    RETURN NEW;
                END;
                $function$
