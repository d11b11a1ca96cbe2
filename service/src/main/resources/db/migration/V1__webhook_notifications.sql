-- Notification ids already queued (Camel JdbcMessageIdRepository layout), one row per id.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(255) NOT NULL,
    createdAt     TIMESTAMP    NOT NULL,
    CONSTRAINT pk_camel_messageprocessed PRIMARY KEY (processorName, messageId)
);
