-- wrk script: each connection waits 10 ms after a response before its next request, so that
-- `connections` connections send about connections × 100 requests/s (see run.sh: paced).
function delay()
    return 10
end
