package io.dmdesk.contracts;

/** UK 999 / Norway 112 style urgency. Declaration order is queue priority: most urgent first. */
public enum Urgency { EMERGENCY, URGENT, ROUTINE, NON_CRIME }
