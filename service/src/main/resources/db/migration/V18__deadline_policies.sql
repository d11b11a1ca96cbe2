-- A merchant's deadline policy (issue 15.2, merchant document returns.deadlinePolicy): when to warn
-- before TikTok's deadline and what to decide by itself some time before it. Kept as the document's
-- JSON; erased with the merchant.
CREATE TABLE merchant_deadline_policies (
    merchant_id VARCHAR(64)   NOT NULL,
    enabled     BOOLEAN       NOT NULL,
    policy      VARCHAR(4000) NOT NULL,
    updated_at  TIMESTAMP     NOT NULL,
    CONSTRAINT pk_merchant_deadline_policies PRIMARY KEY (merchant_id),
    CONSTRAINT fk_merchant_deadline_policies_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id) ON DELETE CASCADE
);

-- What a policy did, once per return, deadline, action and offset: the row is inserted in the same
-- transaction as the notice or decision it stands for, so two instances, or a round run again
-- after a restart, act once (the second insert fails on the key and its transaction rolls back).
-- A deadline TikTok moves is a new deadline: its warnings come again.
CREATE TABLE deadline_policy_actions (
    return_id    VARCHAR(40)  NOT NULL,
    deadline_at  TIMESTAMP    NOT NULL,
    action       VARCHAR(16)  NOT NULL,
    offset_text  VARCHAR(32)  NOT NULL,
    outcome      VARCHAR(16)  NOT NULL,
    detail       VARCHAR(1000),
    acted_at     TIMESTAMP    NOT NULL,
    CONSTRAINT pk_deadline_policy_actions PRIMARY KEY (return_id, deadline_at, action, offset_text),
    CONSTRAINT fk_deadline_policy_actions_return FOREIGN KEY (return_id) REFERENCES returns (id) ON DELETE CASCADE
);
