package io.dmdesk.sandbox.platform;

/** A force or officer account the product watches; never carries its token. */
public record MonitoredAccount(String handle, String id, String name) {}
