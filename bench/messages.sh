#!/usr/bin/env bash
# Message center at 1 million stored messages: list and search latency over HTTP, and the plans
# PostgreSQL chooses (EXPLAIN ANALYZE). Starts the service jar on a throw-away embedded database
# with a fixed port, seeds 1,000,000 messages with SQL (psql), times each request REPEAT times
# with curl and prints p50 / p95 / max, then stops the service. Needs psql and curl.
#
#   bench/messages.sh                       # 1,000,000 messages, alice's inbox 6,000 of them
#   ORG_EVERY=5 DIRECT_EVERY=20 bench/messages.sh   # alice's inbox 250,000 of them
#   MESSAGES=200000 REPEAT=50 bench/messages.sh
#
# The data: alice (demo user) of "Demo Org" receives every ORG_EVERY-th message (default 250th) as
# an organization message or broadcast and every DIRECT_EVERY-th (default 500th) directly, every
# third of them read; the others belong to 500 other organizations. Titles and contents mix
# Chinese and English phrases: about 16% contain 维护, about 10% "maintenance", and each reference
# "INV-<nnnn>" (0000-4999) occurs in 1 of 5,000 messages (INV-<DIRECT_EVERY+1> is alice's).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh

MESSAGES=${MESSAGES:-1000000}
REPEAT=${REPEAT:-20}
ORG_EVERY=${ORG_EVERY:-250}
DIRECT_EVERY=${DIRECT_EVERY:-500} # must divide 5000
RARE=$(printf 'INV-%04d' $((DIRECT_EVERY + 1)))
PORT=${PORT:-18091}
DB_PORT=${DB_PORT:-15491}
BASE=http://localhost:$PORT
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$DB_PORT" -U postgres -d postgres)

if [ ! -f service/target/orderpulse.jar ] || [ -n "$(find service/src -newer service/target/orderpulse.jar -print -quit)" ]; then
	./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true -pl service -am package
fi

log=$(mktemp -t orderpulse-messages-bench.XXXXXX.log)
"$JAVA_HOME/bin/java" -Xmx1g -jar service/target/orderpulse.jar --spring.profiles.active=demo --server.port="$PORT" \
	--orderpulse.database.embedded.data-dir= --orderpulse.database.embedded.port="$DB_PORT" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
echo "service pid $server, log $log"
for _ in $(seq 1 120); do
	curl -sf "$BASE/actuator/health" >/dev/null && break
	kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
	sleep 1
done

org=$("${PSQL[@]}" -Atc "select org_id from users where username = 'alice'")
alice=$("${PSQL[@]}" -Atc "select id from users where username = 'alice'")
org_users=$("${PSQL[@]}" -Atc "select count(*) from users where org_id = $org")

echo "seeding $MESSAGES messages..."
start=$(date +%s)
"${PSQL[@]}" <<SQL
set maintenance_work_mem = '512MB';
-- built once after the load instead of row by row: the same index, faster to make
drop index messages_search_idx;
insert into messages (org_id, sender_id, sender_name, receiver_type, receiver_id, message_type, title, content,
                      priority, category, recipient_count, create_time)
select case when i % $ORG_EVERY = 0 or i % $DIRECT_EVERY = 1 then $org else 1000 + i % 500 end,
       null, 'System',
       case when i % (2 * $ORG_EVERY) = 0 then 'BROADCAST' when i % $ORG_EVERY = 0 then 'ORGANIZATION' else 'USER' end,
       case when i % $ORG_EVERY = 0 then $org when i % $DIRECT_EVERY = 1 then $alice else 1000000 + i % 100000 end,
       (array['SYSTEM', 'BUSINESS', 'ALERT', 'NOTIFICATION'])[1 + i % 4],
       t.title[1 + i % 20],
       t.sentence[1 + i % 31] || t.sentence[1 + (i / 31) % 29] || ' 参考编号 INV-' || lpad((i % 5000)::text, 4, '0'),
       (array['LOW', 'NORMAL', 'NORMAL', 'HIGH', 'URGENT'])[1 + i % 5],
       (array['MAINTENANCE', 'ORDER', 'BILLING', 'SECURITY', 'MARKETING'])[1 + i % 5],
       case when i % $ORG_EVERY = 0 then $org_users else 1 end,
       now() - ($MESSAGES - i) * interval '30 seconds'
from generate_series(1, $MESSAGES) i,
     (select array['系统维护通知', '订单已发货', 'Order shipped', 'Weekly report', '账单提醒', 'Security alert',
                   '促销活动开始', 'Password changed', '新功能上线', 'Delivery delayed', '积分到账', 'Scheduled maintenance',
                   '退款已处理', 'New login from a new device', '库存预警', 'Your invoice is ready', '会员续费提醒',
                   'Service restored', '评价邀请', 'Terms updated'] as title,
             array['您的订单已经发货，请注意查收。', '系统将于今晚22:00-24:00进行维护升级，期间服务暂停。',
                   'Your order has been shipped and is on its way. ', '本周销售报告已生成，请登录查看。',
                   'Please review the attached weekly report. ', '您本月的账单已出，请及时支付。',
                   'We noticed a sign-in from a new device. ', '限时促销活动今天开始，全场八折。',
                   'Your password was changed successfully. ', '新版本上线了更多实用功能。',
                   'The delivery is delayed by the weather. ', '您的积分已到账，可用于下次购物。',
                   'Planned maintenance will take the service offline for two hours. ', '退款已原路返回，请注意查收。',
                   'If this was not you, reset your password now. ', '商品库存低于预警线，请及时补货。',
                   'Your invoice for this month is ready to download. ', '会员即将到期，续费享受优惠。',
                   'All systems are operating normally again. ', '邀请您对最近的订单进行评价。',
                   'We updated our terms of service. ', '数据库例行维护已完成。',
                   'Thank you for shopping with us. ', '客服热线工作时间为9:00-18:00。',
                   'Maintenance of the payment gateway is complete. ', '您关注的商品已降价。',
                   'Read the release notes for details. ', '配送员正在派送途中。',
                   'Contact support if you need help. ', '活动解释权归本店所有。',
                   'See you soon. '] as sentence) t;
create index messages_search_idx on messages using gin (search_bigrams);
-- alice read every third message of her inbox
insert into message_recipients (message_id, user_id, status, read_time)
select id, $alice, 'READ', create_time + interval '1 hour' from messages
where id % 3 = 0 and ((receiver_type = 'USER' and receiver_id = $alice) or (org_id = $org and receiver_type in ('ORGANIZATION', 'BROADCAST')))
on conflict do nothing;
vacuum analyze messages;
vacuum analyze message_recipients;
SQL
echo "seeded in $(($(date +%s) - start)) s: $("${PSQL[@]}" -Atc "select count(*) from messages") messages, \
$("${PSQL[@]}" -Atc "select pg_size_pretty(pg_total_relation_size('messages'))") with indexes \
(search index $("${PSQL[@]}" -Atc "select pg_size_pretty(pg_relation_size('messages_search_idx'))"))"

token=$(curl -sf "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
	-d '{"username":"alice","password":"password"}' | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')

time_it() { # label path: REPEAT timed requests after 3 warm-ups; p50, p95, max in ms
	local label=$1 path=$2 times status
	status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path" -H "Authorization: Bearer $token")
	[ "$status" = 200 ] || { echo "$label: HTTP $status"; exit 1; }
	for _ in 1 2; do curl -s -o /dev/null "$BASE$path" -H "Authorization: Bearer $token"; done
	times=$(for _ in $(seq 1 "$REPEAT"); do
		curl -s -o /dev/null -w '%{time_total}\n' "$BASE$path" -H "Authorization: Bearer $token"
	done | sort -n)
	printf '| %s | `%s` | %s | %s |\n' "$label" "$(curl -s "$BASE$path" -H "Authorization: Bearer $token" |
		sed -n 's/.*"totalItems":\([0-9]*\).*/\1/p')" \
		"$(echo "$times" | awk -v r="$REPEAT" 'NR == int(r * 0.5 + 0.5) { printf "%.0f", $1 * 1000 }') / $(echo "$times" |
			awk -v r="$REPEAT" 'NR == int(r * 0.95 + 0.5) { printf "%.0f", $1 * 1000 }')" \
		"$(echo "$times" | tail -1 | awk '{ printf "%.0f", $1 * 1000 }')"
}

echo
echo "| request (alice: $("${PSQL[@]}" -Atc "select count(*) from messages where (receiver_type = 'USER' and receiver_id = $alice) or (org_id = $org and receiver_id = $org)") of $MESSAGES messages) | matches | p50 / p95 ms | max ms |"
echo "|---|---|---|---|"
time_it "list, first page" "/api/v1/messages?size=20"
time_it "list, unread, SYSTEM" "/api/v1/messages?size=20&status=UNREAD&messageType=SYSTEM"
time_it "search 维护 (common)" "/api/v1/messages/search?q=%E7%BB%B4%E6%8A%A4&size=20"
time_it "search 维护, category and date" "/api/v1/messages/search?q=%E7%BB%B4%E6%8A%A4&category=MAINTENANCE&startDate=$(date -u -d '-30 days' +%F)"
time_it "search maintenance" "/api/v1/messages/search?q=maintenance&size=20"
time_it "search $RARE (rare)" "/api/v1/messages/search?q=$RARE&size=20"
time_it "search 系统维护通知" "/api/v1/messages/search?q=%E7%B3%BB%E7%BB%9F%E7%BB%B4%E6%8A%A4%E9%80%9A%E7%9F%A5&size=20"

explain() { # $1: the label, $2: the query of MessageRepository for alice, as the service sends it
	echo
	echo "EXPLAIN ANALYZE, $1:"
	"${PSQL[@]}" -c "explain (analyze, costs off, timing off, summary on) $2"
}
inbox="from (select * from messages where receiver_type = 'USER' and receiver_id = $alice and org_id = $org
      union all
      select * from messages where receiver_type = 'USER_GROUP' and receiver_id = any('{}'::bigint[]) and org_id = $org
      union all
      select * from messages where receiver_type = 'ORGANIZATION' and receiver_id = $org and org_id = $org
      union all
      select * from messages where receiver_type = 'BROADCAST' and receiver_id = $org and org_id = $org
      union all
      select * from messages where receiver_type = 'BROADCAST' and receiver_id is null) m
left join message_recipients r on r.message_id = m.id and r.user_id = $alice
where (m.expire_time is null or m.expire_time > now())
  and (r.status is null or r.status <> 'DELETED')"
search() {
	echo "select m.id $inbox
  and m.search_bigrams @> message_bigrams('$1')
  and (strpos(lower(m.title), lower('$1')) > 0 or strpos(lower(m.content), lower('$1')) > 0)
order by strpos(lower(m.title), lower('$1')) > 0 desc,
         (char_length(lower(m.title || ' ' || m.content)) - char_length(replace(lower(m.title || ' ' || m.content), lower('$1'), ''))) / char_length(lower('$1')) desc,
         m.id desc
limit 20"
}
explain "list, first page" "select m.id, r.status $inbox order by m.id desc limit 21"
explain "unread count" "select count(*) $inbox and (r.status is null or r.status = 'UNREAD')"
explain "search 维护" "$(search 维护)"
explain "search $RARE" "$(search "$RARE")"
