-- Order requests still to be processed, oldest change first: in-process mode resumes those
-- whose processing was lost or failed (OrderProcessor.resumeOpenRequests). Partial, so it
-- holds only the few open requests, not every request ever made.
create index order_requests_open_idx on order_requests (updated_at) where status in ('PENDING', 'PROCESSING');
