package io.dmdesk.sandbox.x;

/** An X user as the API's user object shows it. */
record XUser(String id, String username, String name) {}
