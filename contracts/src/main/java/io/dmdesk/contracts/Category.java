package io.dmdesk.contracts;

/** Crime or contact category of a report. */
public enum Category {
    VIOLENCE,
    SEXUAL_OFFENCE,
    DOMESTIC_ABUSE,
    THREAT_HARASSMENT,
    HATE_CRIME,
    ROBBERY,
    BURGLARY,
    THEFT,
    VEHICLE_CRIME,
    CRIMINAL_DAMAGE,
    FRAUD_SCAM,
    ONLINE_ABUSE,
    DRUGS,
    WEAPONS,
    ROAD_TRAFFIC,
    ANTISOCIAL_BEHAVIOUR,
    MISSING_PERSON,
    CONCERN_FOR_WELFARE,
    LOST_FOUND_PROPERTY,
    GENERAL_ENQUIRY,
    FEEDBACK,
    SPAM,
    OTHER
}
