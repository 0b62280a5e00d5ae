"""Read-only SQL on the throwaway database, to judge what the nodes did (never to do it for them)."""

import psycopg2


class Db:
    def __init__(self, dbname):
        self.conn = psycopg2.connect(dbname=dbname)
        self.conn.autocommit = True

    def one(self, sql, params=()):
        with self.conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchone()

    def all(self, sql, params=()):
        with self.conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall()

    def execute(self, sql, params=()):
        with self.conn.cursor() as cr:
            cr.execute(sql, params)

    def close(self):
        self.conn.close()
