"""What a run leaves for its readers: Allure labels and attachments (allure), the report's size
(budget, open_time), the traceability table, the sign-off file and the merge of shards' results."""
