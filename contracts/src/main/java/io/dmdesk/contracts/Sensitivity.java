package io.dmdesk.contracts;

/** How much personal data a report carries: SPECIAL means special-category data (health, religion, ...). */
public enum Sensitivity {
    NONE,
    PERSONAL,
    SPECIAL
}
