//! `make bench`: the embedded search backend over 100,000 synthetic Chinese documents —
//! indexing throughput, then the latency of 2,000 queries (median and p99). Deterministic: the
//! documents and queries come from a fixed-seed generator, so runs compare.

mod common;

use common::{percentile, Lcg};

use std::time::Instant;

use qifu::search::{
    DocKind, IndexBatch, SearchDocument, SearchEngine, SearchQuery, TantivyEngine, PUBLIC,
};

const DOCUMENTS: usize = 100_000;
const QUERIES: usize = 2_000;
const BATCH: usize = 5_000;

const PLACES: &[&str] = &[
    "杭州", "宁波", "温州", "绍兴", "湖州", "嘉兴", "金华", "衢州", "舟山", "台州", "丽水", "余姚",
    "慈溪", "钱塘", "定海", "滨江",
];
const TRADES: &[&str] = &[
    "工程咨询",
    "竣工测绘",
    "环境影响评价",
    "节能评估",
    "安全预评价",
    "水土保持",
    "地质灾害评估",
    "规划设计",
    "造价咨询",
    "招标代理",
    "检验检测",
    "资产评估",
    "会计审计",
    "法律服务",
    "知识产权代理",
    "人力资源服务",
];
const SUFFIXES: &[&str] = &[
    "有限公司",
    "股份有限公司",
    "事务所",
    "研究院",
    "技术服务中心",
    "设计院",
];
const SERVICES: &[&str] = &[
    "承接建设项目竣工验收测量",
    "编制环境影响报告书",
    "开展固定资产投资项目节能审查",
    "提供安全生产条件论证",
    "负责水土保持方案编制",
    "从事工程造价全过程咨询",
    "代理政府采购与工程招标",
    "开展建筑材料检验检测",
    "提供高新技术企业认定辅导",
    "办理专利申请与商标注册",
];

fn document(rng: &mut Lcg, n: usize) -> SearchDocument {
    let title = format!(
        "{}{}{}{n}",
        rng.pick(PLACES),
        rng.pick(TRADES),
        rng.pick(SUFFIXES)
    );
    let body = format!(
        "{}；{}；服务区域：{}、{}。",
        rng.pick(SERVICES),
        rng.pick(SERVICES),
        rng.pick(PLACES),
        rng.pick(PLACES)
    );
    let record = uuid::Uuid::from_u128(n as u128);
    SearchDocument {
        id: SearchDocument::id_for(DocKind::Organisation, record),
        kind: "organisation".to_owned(),
        record_id: record.to_string(),
        title,
        body,
        audience: vec![PUBLIC.to_owned()],
    }
}

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let dir = std::env::temp_dir().join(format!("qifu-bench-{}", uuid::Uuid::new_v4()));
        let engine = TantivyEngine::open(Some(&dir))?;
        let mut rng = Lcg(2026);

        let started = Instant::now();
        for start in (0..DOCUMENTS).step_by(BATCH) {
            let upserts = (start..start + BATCH).map(|n| document(&mut rng, n)).collect();
            engine.apply(IndexBatch { upserts, deletes: Vec::new(), position: start as i64 }).await?;
        }
        let indexing = started.elapsed();

        let mut latencies = Vec::with_capacity(QUERIES);
        let mut hits = 0;
        for _ in 0..QUERIES {
            let text = match rng.pick(&["place", "trade", "both"]) {
                "place" => rng.pick(PLACES).to_owned(),
                "trade" => rng.pick(TRADES).to_owned(),
                _ => format!("{} {}", rng.pick(PLACES), rng.pick(TRADES)),
            };
            let query = SearchQuery { text, kind: None, audience: vec![PUBLIC.to_owned()], offset: 0, limit: 20 };
            let started = Instant::now();
            let results = engine.search(&query).await?;
            latencies.push(started.elapsed());
            hits += results.total;
        }
        latencies.sort();
        println!("search benchmark (embedded tantivy + jieba, {DOCUMENTS} documents)");
        println!(
            "  indexing: {:.1} s, {:.0} documents/s",
            indexing.as_secs_f64(),
            DOCUMENTS as f64 / indexing.as_secs_f64()
        );
        println!(
            "  search ({QUERIES} queries, 20 hits a page): median {:.2} ms, p99 {:.2} ms, mean hits {}",
            percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
            percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
            hits / QUERIES as u64
        );
        std::fs::remove_dir_all(&dir).ok();
        Ok(())
    })
}
