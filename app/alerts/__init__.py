"""E-mail alerts: follow any search by mail, without an account.

* :mod:`~app.alerts.store` - subscriptions (double opt-in) and their hashed tokens in the database;
* :mod:`~app.alerts.searches` - the stored search, validated as the search page does; addresses checked;
* :mod:`~app.alerts.messages` and ``templates/`` - the confirmation and digest mails (text + HTML);
* :mod:`~app.alerts.mail` - SMTP from ``RULINGS_SMTP_URL`` (stdlib ``smtplib``);
* :mod:`~app.alerts.digest` - the scheduled run, ``rulings alerts send`` (``app/cli_alerts.py``).

The pages are :mod:`app.web.alerts`. docs/operations.md, "E-mail alerts", has the settings and the schedule.
"""
