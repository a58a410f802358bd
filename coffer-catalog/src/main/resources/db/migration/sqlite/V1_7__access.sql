-- Who may use the administration API (coffer server): users with a role and an Argon2id hash of
-- their password (never the password), and API tokens, of which only a SHA-256 hash is kept: the
-- token itself is shown once when it is made. A token acts for its user with that user's role.
create table app_user (
  id            integer primary key autoincrement,
  name          text not null unique,
  role          text not null check (role in ('viewer', 'operator', 'admin')),
  password_hash text not null,
  created_at    integer not null,
  updated_at    integer not null
);

create table api_token (
  id           integer primary key autoincrement,
  user_id      integer not null references app_user (id) on delete cascade,
  name         text not null,
  hash         text not null unique,
  created_at   integer not null,
  expires_at   integer,
  revoked_at   integer,
  last_used_at integer
);
create index api_token_user on api_token (user_id);
